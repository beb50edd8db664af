// PersonaExplorer client helpers
