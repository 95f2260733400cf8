"""The Qt layer. It calls desktop.core; core never calls it."""
