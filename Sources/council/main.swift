print("council")
