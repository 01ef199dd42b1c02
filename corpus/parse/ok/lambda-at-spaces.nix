args @ { a }: a
