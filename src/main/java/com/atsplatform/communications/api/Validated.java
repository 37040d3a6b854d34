package com.atsplatform.communications.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * On a resource: the constraints on its methods' parameters and bodies are checked before the
 * method runs (ValidationInterceptor), and a request that breaks any is answered with one 400
 * problem listing every invalid field.
 */
@InterceptorBinding
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface Validated {
}
