package io.grantflow.platform.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What a person reads in a problem: one language each side of the slash, inputs cut short. */
class ProblemTextTest {

    @Test
    void notFoundNamesTheKindOnceInEachLanguage() {
        Problem problem = ProblemException.notFound("申请", "application", "42").toProblem("/applications/42");
        assertEquals("未找到申请：42 / Application not found: 42", problem.detail());
        assertEquals("未找到 / Not found", problem.title());
        assertEquals(404, problem.status());
    }

    @Test
    void notFoundCutsALongIdentifier() {
        String detail = ProblemException.notFound("资源", "resource", "x".repeat(5000))
                .toProblem(null)
                .detail();
        assertTrue(detail.length() < 2 * Problems.ECHO + 60, detail);
        assertTrue(detail.contains("…"), detail);
    }

    @Test
    void echoReplacesControlAndFormatCharacters() {
        assertEquals("a?b?c", Problems.echo("a\u0000b\u202Ec"));
    }

    @Test
    void lengthRequiredExplainsChunkedUploads() {
        Problem problem = Problems.lengthRequired().toProblem("/applications");
        assertEquals(411, problem.status());
        assertTrue(problem.detail().contains("Content-Length"), problem.detail());
        assertTrue(problem.detail().contains(" / "), problem.detail());
    }
}
