with {}
