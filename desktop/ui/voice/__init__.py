"""The voice: who has the floor (floor.py), the microphone (push-to-talk, hands-free), and the spoken reply."""
