"héllo ☃ ü"
