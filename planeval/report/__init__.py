"""What a chapter shows a reader: tables and figures saved beside the page, formatting, labels and charts."""
