"""OCOP shopping assistant: a bilingual Telegram bot for Vietnam's OCOP specialty goods."""
