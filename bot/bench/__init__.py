"""Measurements that print figures: search quality on the dev set, search speed at scale."""
