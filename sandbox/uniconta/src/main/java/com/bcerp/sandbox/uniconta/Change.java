package com.bcerp.sandbox.uniconta;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One write to a master-data table, as a change notification reports it ([U-HOOK], [U-HOOK-EN]: "Company, Table, Key,
 * RowId and Operation"; with "Post" the record itself as JSON). {@code Update} is the operation in the vendor's
 * example; {@code Insert} and {@code Delete} are guesses for the other two.
 */
record Change(String table, long rowId, String key, String operation, ObjectNode record) {}
