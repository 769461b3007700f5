print("hyperpage")
