"""The verdict: checks of what is asked against what is answered, and the calibrated model that weighs them."""
