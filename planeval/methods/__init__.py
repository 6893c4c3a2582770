"""The analysis methods: units, growth arithmetic, consistency checks, progress methods (ESCAP, UNSD/EUSTAT,
Open SDG), target comparison and scenarios. Pure functions of their arguments, tested against hand-worked values."""
