bind -x "\C-r": __fzf_history__
