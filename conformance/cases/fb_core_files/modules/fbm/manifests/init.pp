class fbm { }
