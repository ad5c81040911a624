"""Fusion across reports: incidents, reconciled figures, figure series and stories."""
