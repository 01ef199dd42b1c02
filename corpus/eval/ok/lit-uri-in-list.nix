[ mailto:someone@example.com ]
