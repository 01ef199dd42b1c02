{ zeta, alpha ? 1, mid }: alpha
