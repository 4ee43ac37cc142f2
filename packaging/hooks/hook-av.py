# The bundle's `av` is the stub in packaging/stubs (see there): it has no submodules to collect, so this hook
# replaces the contributed one, which would list PyAV's real submodules as hidden imports.
hiddenimports = []
