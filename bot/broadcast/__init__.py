"""Subscriptions, staff and announcements delivered once per chat at Telegram's pace."""
