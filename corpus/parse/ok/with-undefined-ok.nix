with {}; anything.at.all
