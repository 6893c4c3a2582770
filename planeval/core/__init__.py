"""The project's foundations: every path, the error types, the file hash and shared argument checks."""
