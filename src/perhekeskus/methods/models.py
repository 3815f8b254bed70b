"""The catalogue of evidence-based methods (menetelmät) and who in the area is trained in each."""
