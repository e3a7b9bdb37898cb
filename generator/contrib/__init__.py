"""Tools for the people who keep the register: pull-request checks, ownership and CODEOWNERS, deletions, scaffolding, synthetic registers and the link checker."""
