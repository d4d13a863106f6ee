"""The registry of party documents: register, search, files, in force and replaced."""
