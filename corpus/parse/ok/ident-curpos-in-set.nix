{ here = __curPos; }
