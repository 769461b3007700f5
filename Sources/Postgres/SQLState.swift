/// Condition names of the SQLSTATE codes Hyperpage is likely to meet (PostgreSQL manual,
/// appendix A), so errors can say what went wrong without quoting the server's message.
enum SQLState {
    static func conditionName(_ code: String) -> String? {
        if let name = names[code] { return name }
        return classNames[String(code.prefix(2))]
    }

    private static let names: [String: String] = [
        "08000": "connection_exception", "08003": "connection_does_not_exist",
        "08006": "connection_failure", "08001": "sqlclient_unable_to_establish_sqlconnection",
        "08004": "sqlserver_rejected_establishment_of_sqlconnection", "08P01": "protocol_violation",
        "21000": "cardinality_violation",
        "22001": "string_data_right_truncation", "22003": "numeric_value_out_of_range",
        "22007": "invalid_datetime_format", "22008": "datetime_field_overflow",
        "22012": "division_by_zero", "22021": "character_not_in_repertoire",
        "22P02": "invalid_text_representation", "22023": "invalid_parameter_value",
        "23000": "integrity_constraint_violation", "23502": "not_null_violation",
        "23503": "foreign_key_violation", "23505": "unique_violation", "23514": "check_violation",
        "23P01": "exclusion_violation",
        "25001": "active_sql_transaction", "25P01": "no_active_sql_transaction",
        "25P02": "in_failed_sql_transaction", "25006": "read_only_sql_transaction",
        "28000": "invalid_authorization_specification", "28P01": "invalid_password",
        "3D000": "invalid_catalog_name", "3F000": "invalid_schema_name",
        "40001": "serialization_failure", "40P01": "deadlock_detected",
        "42501": "insufficient_privilege", "42601": "syntax_error", "42602": "invalid_name",
        "42703": "undefined_column", "42704": "undefined_object", "42710": "duplicate_object",
        "42P01": "undefined_table", "42P02": "undefined_parameter", "42P04": "duplicate_database",
        "42P06": "duplicate_schema", "42P07": "duplicate_table", "42701": "duplicate_column",
        "42804": "datatype_mismatch", "42883": "undefined_function", "42P18": "indeterminate_datatype",
        "53000": "insufficient_resources", "53100": "disk_full", "53200": "out_of_memory",
        "53300": "too_many_connections",
        "55P03": "lock_not_available", "55006": "object_in_use",
        "57014": "query_canceled", "57P01": "admin_shutdown", "57P02": "crash_shutdown",
        "57P03": "cannot_connect_now",
        "XX000": "internal_error",
    ]

    private static let classNames: [String: String] = [
        "08": "connection_exception", "22": "data_exception", "23": "integrity_constraint_violation",
        "25": "invalid_transaction_state", "28": "invalid_authorization_specification",
        "40": "transaction_rollback", "42": "syntax_error_or_access_rule_violation",
        "53": "insufficient_resources", "54": "program_limit_exceeded",
        "55": "object_not_in_prerequisite_state", "57": "operator_intervention",
        "58": "system_error", "P0": "plpgsql_error", "XX": "internal_error",
    ]
}
