"""Every read of the reports module, through access.policy (one module by subject)."""
