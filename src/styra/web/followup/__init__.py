"""The follow-up app: committees, periods, goals, results, finance and their audit trail."""
