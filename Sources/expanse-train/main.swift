print("expanse-train: not built yet")
