let iff = 1; inn = 2; rec_ = 3; letx = 4; within = 5; in [ iff inn rec_ letx within ]
