"""What every app may use and that knows no app: pages and their JSON twins, history rows, NotFound.

`core` sits just above `lib` and `accounts`' roles: it imports no other app of the project.
"""
