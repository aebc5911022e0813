def find_quantities_ru(text, offset=0):
    return []
