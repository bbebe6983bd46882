/**
 * BambooHR's answers as small immutable records, read leniently by
 * {@link io.integrationhost.bamboohr.json.LenientJson}: ids are strings, amounts decimals and flags booleans
 * whatever form the API used. The same records are the actions' results, so each result's shape is written
 * down once, here.
 */
package io.integrationhost.bamboohr.model;
