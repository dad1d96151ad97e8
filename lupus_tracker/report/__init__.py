"""The visit report: content model -> HTML -> PDF or printer."""
