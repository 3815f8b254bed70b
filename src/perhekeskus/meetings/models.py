"""Team meetings and joint assessments."""
