#!/usr/bin/env node
// The framework floor for bench/run.mjs: NestJS on Fastify with one route, GET /products/:id/,
// running product detail's prepared statement on `pg` and returning the row. No guard, pipe,
// filter, logging, headers or ETag: what the framework itself costs per request, so that
// Storedeal's CPU per request splits into Nest's share and our pipeline's.
import 'reflect-metadata';
import { Controller, Get, Module, Param } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const selectProduct = {
  name: 'floor_product',
  text: 'SELECT id, name, price::text AS price, stock, category_id AS category FROM products WHERE id = $1',
};

class ProductsController {
  async get(id) {
    const { rows } = await pool.query({ ...selectProduct, values: [Number(id)] });
    return rows[0];
  }
}
// Plain JavaScript has no decorator syntax: the decorators applied as functions.
Param('id')(ProductsController.prototype, 'get', 0);
Get(':id')(ProductsController.prototype, 'get', Object.getOwnPropertyDescriptor(ProductsController.prototype, 'get'));
Controller('products')(ProductsController);

class FloorModule {}
Module({ controllers: [ProductsController] })(FloorModule);

const app = await NestFactory.create(FloorModule, new FastifyAdapter({ routerOptions: { ignoreTrailingSlash: true } }), { logger: false });
await app.listen(Number(process.env.PORT ?? 8300), '127.0.0.1');
