"# not a comment /* neither */"
