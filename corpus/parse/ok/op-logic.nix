true && false || true
