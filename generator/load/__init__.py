"""Reading the register's files: discovery, YAML with positions, parallel loading, validation against the models, and the checks across fields and records."""
