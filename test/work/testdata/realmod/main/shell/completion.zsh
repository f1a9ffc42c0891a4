#compdef realmod
