"""Staff insight: what visitors ask for and cannot find, recorded without recording who asked;
the report behind /insight and its chart; the weekly digest."""
