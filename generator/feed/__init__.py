"""The machine-readable files, one module per published format; each reads the catalogue, none imports the site package."""
