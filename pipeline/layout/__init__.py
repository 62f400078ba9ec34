"""Layout: pages of positioned words → lines, blocks, the minutes table and its rows."""
