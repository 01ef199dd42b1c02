rec { a }
