"""Couple Journeys: guided evening sessions for couples, on Alexa or rehearsed locally."""
