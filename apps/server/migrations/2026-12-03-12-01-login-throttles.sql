-- Sign-in throttling, one row per account (source = '') and per account and address
-- (source = the client's address). Each attempt is counted in this row, under its row lock,
-- BEFORE the password is checked: parallel guesses are counted one by one. Each new lock
-- of a row lasts twice as long as the previous one (lock_count), up to a day.
CREATE TABLE login_throttles (
  email text NOT NULL,
  source text NOT NULL,
  failures integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
  window_start timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz,
  lock_count integer NOT NULL DEFAULT 0 CHECK (lock_count >= 0),
  PRIMARY KEY (email, source)
);
