package org.stepwise.idp;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The Stepwise sign-in page: the same look as the console (its own style sheet, no inline
 * script or style, so the provider's strict CSP holds), the form Spring Security's
 * {@code formLogin} expects ({@code username}, {@code password}, POST /login) with the
 * CSRF token, and the outcome of the last attempt in words.
 */
@RestController
class SignInPage {

	@GetMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE)
	String signIn(HttpServletRequest request) {
		CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
		String message = "";
		if (request.getParameter("error") != null) {
			message = "<p class=\"message error\" role=\"alert\">That user name and password do not match. "
					+ "Please try again.</p>";
		}
		else if (request.getParameter("logout") != null) {
			message = "<p class=\"message\" role=\"status\">You are signed out.</p>";
		}
		String token = (csrf != null) ? "<input type=\"hidden\" name=\"" + HtmlUtils.htmlEscape(csrf.getParameterName())
				+ "\" value=\"" + HtmlUtils.htmlEscape(csrf.getToken()) + "\">" : "";
		return """
				<!DOCTYPE html>
				<html lang="en">
				<head>
				<meta charset="utf-8">
				<meta name="viewport" content="width=device-width, initial-scale=1">
				<title>Sign in - Stepwise</title>
				<link rel="icon" href="/favicon.svg" type="image/svg+xml">
				<link rel="stylesheet" href="/idp/sign-in.css">
				</head>
				<body>
				<header class="top"><span class="brand"><img src="/favicon.svg" alt="" width="24" height="24"> Stepwise</span></header>
				<main>
				<h1>Sign in</h1>
				<p class="intro">Progress monitoring for intensive outpatient care. Sign in with your Stepwise account.</p>
				%s
				<form method="post" action="/login">
				<label for="username">User name</label>
				<input id="username" name="username" type="text" autocomplete="username" required autofocus>
				<label for="password">Password</label>
				<input id="password" name="password" type="password" autocomplete="current-password" required>
				%s
				<button type="submit">Sign in</button>
				</form>
				</main>
				</body>
				</html>
				"""
			.formatted(message, token);
	}

}
