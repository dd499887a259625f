package com.bcerp.core.model;

/** A chosen product option on a line, e.g. Size = M. */
public record LineOption(String name, String value) {}
