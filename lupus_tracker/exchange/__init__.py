"""Data exchange: CSV, Excel and FHIR R4 export and import."""
