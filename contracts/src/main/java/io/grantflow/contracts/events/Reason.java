package io.grantflow.contracts.events;

/** A reason code of CASES.md with its message in Chinese and in English. */
public record Reason(String code, String messageZh, String messageEn) {}
