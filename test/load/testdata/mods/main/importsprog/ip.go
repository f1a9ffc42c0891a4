package importsprog

import _ "example.com/main/cmd/prog"
