// Test support is being written.
